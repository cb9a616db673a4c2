/**
 * jsdom does no layout: every size is 0, so a virtualizer would render nothing. Give elements a
 * viewport size, a scroll height taken from their children's inline heights (the virtualizer sizes
 * its inner list that way), and make scrollTo move scrollTop and fire `scroll` as a browser would.
 */
export function mockLayout({ width = 800, height = 600 } = {}): () => void {
  const proto = HTMLElement.prototype;
  const originalScrollTo = proto.scrollTo;
  Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => height });
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => width });
  Object.defineProperty(proto, 'scrollHeight', {
    configurable: true,
    get(this: HTMLElement) {
      const childHeights = [...this.children].map((child) => parseFloat((child as HTMLElement).style.height) || 0);
      return Math.max(height, ...childHeights);
    },
  });
  proto.scrollTo = function scrollTo(this: HTMLElement, options?: ScrollToOptions | number, y?: number) {
    const top = typeof options === 'number' ? (y ?? 0) : (options?.top ?? this.scrollTop);
    this.scrollTop = top;
    this.dispatchEvent(new Event('scroll'));
  } as typeof proto.scrollTo;
  return () => {
    Reflect.deleteProperty(proto, 'clientHeight');
    Reflect.deleteProperty(proto, 'clientWidth');
    Reflect.deleteProperty(proto, 'scrollHeight');
    proto.scrollTo = originalScrollTo;
  };
}
