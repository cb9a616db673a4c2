// Public entry point for tests, the demo and e2e: keep these names stable.
export { startMemoryServer, type MemoryServerOptions, type RunningMemoryServer } from './start';
export { spawnMemoryServer, type SpawnedMemoryServer, type SpawnOptions } from './spawn';
export { generateMemories, createRandom, type GenerateOptions } from './seed-generator';
export type { MemoryJson } from './memory-model';
