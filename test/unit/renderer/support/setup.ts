import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// The renderer project runs without globals, so Testing Library cannot register this itself.
afterEach(() => {
  cleanup();
});
