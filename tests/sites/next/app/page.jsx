import Link from 'next/link';

// Each tag has suppressHydrationWarning: the elements write their state (and defaults) as
// attributes before React hydrates the server's HTML, which React's development build reports.
export default function Convolutions() {
  return (
    <main>
      <h1>Convolutions</h1>
      <p>A filter slides over a photo:</p>
      <conv-filter-playground sample="cat" kernel="edge" backend="wasm" suppressHydrationWarning></conv-filter-playground>
      <p>Pooling shrinks a feature map:</p>
      <pooling-stepper backend="wasm" suppressHydrationWarning></pooling-stepper>
      <p>Train a small network on MNIST:</p>
      <cnn-trainer
        id="trainer1"
        backend="wasm"
        train-size="100"
        epochs="1"
        batch-size="50"
        suppressHydrationWarning
      ></cnn-trainer>
      <p>A pretrained digit classifier:</p>
      <pretrained-classifier backend="wasm" suppressHydrationWarning></pretrained-classifier>
      <p>What its filters learned:</p>
      <filter-grid backend="wasm" suppressHydrationWarning></filter-grid>
      <p>The trainer&apos;s whole network, layer by layer, for a digit you draw:</p>
      <filter-grid view="network" for="trainer1" backend="wasm" suppressHydrationWarning></filter-grid>
      <Link href="/pooling/">Next: pooling and a pretrained network</Link>
    </main>
  );
}
