export function findElectronBinary(): string | undefined;
export const browserModeNotice: string;
