// A React 19 page using the elements the way an app would: JSX attributes, rich
// values as properties, and listeners for the elements' custom events.
// React 19 sets a prop as a property when the element has one by that name (so
// `values`, `kernel` and `mode` arrive as arrays and strings, not attributes), sets
// the others as attributes (`pool-size`, `max-size`); `stride="2"` arrives as the
// property stride = "2", the text of the JSX. It turns `on<name>` props
// into addEventListener(<name>), the case of <name> kept.
import { StrictMode, useState, version } from 'react';
import { createRoot } from 'react-dom/client';
import '../../../src/index.ts';
import catUrl from '../../../assets/images/cat.jpg';
import { describeStep, KERNEL, MAP } from '../fixture.js';

function App() {
  const [mode, setMode] = useState('max');
  const [lastStep, setLastStep] = useState('');
  const [kernel, setKernel] = useState(KERNEL);
  const [kernelChanges, setKernelChanges] = useState(0);

  return (
    <main data-framework={`react ${version}`}>
      <pooling-stepper
        id="stepper"
        backend="cpu"
        pool-size="2"
        mode={mode}
        values={MAP}
        onstep={(e) => setLastStep(describeStep(e.detail))}
      ></pooling-stepper>
      <p>
        Last step: <output id="step-log">{lastStep}</output>
      </p>
      <button
        id="app-update"
        onClick={() => {
          setMode('avg');
          setKernel(KERNEL);
        }}
      >
        Average pooling, original kernel
      </button>
      <conv-filter-playground
        id="playground"
        backend="cpu"
        max-size="32"
        stride="2"
        src={catUrl}
        kernel={kernel}
        onkernel-change={(e) => {
          // Controlled, as React apps do: the edited kernel goes back in as the property.
          setKernel(e.detail.kernel);
          setKernelChanges((n) => n + 1);
        }}
      ></conv-filter-playground>
      <p>
        Kernel changes: <output id="kernel-count">{kernelChanges}</output>, kernel:{' '}
        <output id="kernel-log">{JSON.stringify(kernel)}</output>
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
