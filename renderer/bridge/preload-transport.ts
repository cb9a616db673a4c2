import type { ConsoleApi, ContractInput, ContractMethod, ContractOutput, Result } from '../../electron/contract';
import type { PreloadApi } from './memory-console';
import { ConsoleApiError } from './console-api-error';
import type { ConsoleTransport } from './transport';

/**
 * Wraps an object shaped like the preload's `window.memoryConsole`: the Electron transport, and
 * the seam tests use to install a fake console.
 */
export function createPreloadTransport(api: PreloadApi): ConsoleTransport {
  return {
    invoke<M extends ContractMethod>(method: M, input: ContractInput<M>): Promise<Result<ContractOutput<M>>> {
      // Annotated so TypeScript relates the method name to its own input and output types.
      const call: ConsoleApi[M] | undefined = api[method];
      // A preload from a different build than this renderer would lack newer methods.
      if (typeof call !== 'function') {
        return Promise.reject(
          new ConsoleApiError('internal', `This console build's preload does not offer ${method}.`, undefined, method),
        );
      }
      return call(input);
    },
    onSignal(listener) {
      return api.onSignal(listener);
    },
  };
}
