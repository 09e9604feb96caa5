import Link from 'next/link';

export default function Pooling() {
  return (
    <main>
      <h1>Pooling and a pretrained network</h1>
      <p>
        A second page of the course, reached by the site&apos;s own link (Next.js swaps the page without
        reloading it): the elements of the first page leave, these arrive.
      </p>
      <pooling-stepper backend="wasm" rows="5" cols="5" suppressHydrationWarning></pooling-stepper>
      <pretrained-classifier id="digits" backend="wasm" suppressHydrationWarning></pretrained-classifier>
      <filter-grid view="network" for="digits" backend="wasm" suppressHydrationWarning></filter-grid>
      <Link href="/">Back to convolutions</Link>
    </main>
  );
}
