import type {
  ChangeSignal,
  ContractInput,
  ContractMethod,
  ContractOutput,
  Result,
} from '../../electron/contract';

/**
 * What the bridge hands to listeners: the privileged side's change signals, plus `resync`, which
 * a transport emits when it may have missed signals (the browser-mode event stream reconnected).
 */
export type BridgeSignal = ChangeSignal | { readonly kind: 'resync' };

export type Unsubscribe = () => void;

/**
 * One way of reaching the privileged side. `invoke` resolves with the contract's Result value;
 * it may reject with a ConsoleApiError for failures of the transport itself.
 */
export interface ConsoleTransport {
  invoke<M extends ContractMethod>(method: M, input: ContractInput<M>): Promise<Result<ContractOutput<M>>>;
  onSignal(listener: (signal: BridgeSignal) => void): Unsubscribe;
}
