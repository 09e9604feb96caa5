/**
 * Hands the main thread back to the page (input, painting) between chunks of work,
 * without the 4 ms clamp of nested timers. In a worker it lets queued messages in
 * (pause, stop) between batches.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
