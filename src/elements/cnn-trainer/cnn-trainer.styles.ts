import { css } from 'lit';

export const cnnTrainerStyles = css`
  :host {
    --_train: var(--cnn-train-color, var(--_accent));
    --_val: var(--cnn-val-color, #d97706);
    --_test: #059669;
  }
  /* Forced colours: the curves, their legend and the confusion matrix keep their colours
     (three of the palette's own for the curves; the matrix's text is chosen for contrast). */
  @media (forced-colors: active) {
    :host {
      --_train: CanvasText;
      --_val: Highlight;
      --_test: LinkText;
    }
    .charts svg,
    .key,
    .cm-cell {
      forced-color-adjust: none;
    }
  }
  section {
    min-width: 0;
  }
  .heading {
    margin: 0 0 6px;
    font-size: 1em;
    font-weight: 700;
  }
  .hint {
    color: var(--_muted);
    font-weight: normal;
  }
  .panel {
    border-top: 1px solid var(--_border);
    padding-top: 8px;
  }
  .controls,
  .settings,
  .buttons,
  .store {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 12px;
    align-items: end;
  }
  .controls {
    flex-direction: column;
    align-items: stretch;
  }
  label {
    display: inline-flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.9em;
    color: var(--_muted);
  }
  label.check {
    flex-direction: row;
    align-items: center;
    gap: 6px;
  }
  input[type='number'] {
    width: 6.5em;
  }
  input.name {
    width: 9em;
  }
  .files input {
    max-width: 14em;
  }
  table.layers tr.coming {
    color: var(--_muted);
  }
  table.layers {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  table.layers caption {
    text-align: left;
    color: var(--_muted);
    padding-bottom: 4px;
  }
  table.layers th,
  table.layers td {
    border-bottom: 1px solid var(--_border);
    padding: 2px 6px;
    text-align: left;
    /* Long layer names (global_average_pooling2d, a base model's own) break so the table fits a phone. */
    overflow-wrap: anywhere;
  }
  table.layers .num {
    text-align: right;
  }
  .progress {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
    font-variant-numeric: tabular-nums;
  }
  progress {
    flex: 1 1 200px;
    accent-color: var(--_accent);
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(240px, 1fr));
    gap: 8px;
  }
  figure {
    margin: 0;
  }
  figcaption {
    font-size: 0.9em;
    color: var(--_muted);
  }
  svg {
    width: 100%;
    height: auto;
    display: block;
    overflow: visible;
  }
  svg .axis {
    color: var(--_muted);
  }
  svg .axis-label {
    fill: var(--_muted);
    font-size: 10px;
  }
  .legend {
    grid-column: 1 / -1;
    margin: 0;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .key {
    display: inline-block;
    width: 14px;
    height: 3px;
    vertical-align: middle;
    margin-left: 8px;
  }
  .key.train {
    background: var(--_train);
  }
  .key.val {
    background: repeating-linear-gradient(90deg, var(--_val) 0 4px, transparent 4px 6px);
  }
  .key.test {
    background: var(--_test);
  }
  .result-grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
    gap: 12px;
  }
  .cm-grid {
    display: grid;
    gap: 1px;
    font-size: 0.8em;
    font-variant-numeric: tabular-nums;
  }
  .cm-corner {
    font-size: 0.75em;
    color: var(--_muted);
  }
  .cm-head {
    text-align: center;
    color: var(--_muted);
    font-weight: 600;
  }
  .cm-cell {
    padding: 2px 0;
    border-radius: 2px;
    border: 1px solid transparent;
    min-width: 0;
  }
  .cm-cell[aria-pressed='true'] {
    border-color: var(--_fg);
    outline: 2px solid var(--_accent);
  }
  .gallery,
  .augment-strip {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .shot {
    display: flex;
    flex-direction: column;
    align-items: center;
    font-size: 0.8em;
  }
  canvas.tile {
    width: 48px;
    height: 48px;
    image-rendering: pixelated;
    background: #000;
    border-radius: 3px;
  }
  .pad-row {
    display: flex;
    flex-wrap: wrap;
    gap: 12px;
    align-items: flex-start;
  }
  .pad-side {
    display: flex;
    flex-direction: column;
    gap: 6px;
    align-items: center;
  }
  cnn-draw-pad {
    --cnn-pad-size: 168px;
  }
  .probs {
    flex: 1 1 200px;
    margin: 0;
  }
  .probs p {
    margin: 0 0 4px;
  }
  .guess {
    font-size: 1.4em;
  }
  .bars {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 2px;
    font-variant-numeric: tabular-nums;
  }
  .bars li {
    display: grid;
    grid-template-columns: 1.2em 1fr 4em;
    gap: 6px;
    align-items: center;
  }
  .bar {
    height: 0.8em;
    background: color-mix(in srgb, var(--_border) 50%, transparent);
    border-radius: 2px;
    overflow: hidden;
  }
  .bar span {
    display: block;
    height: 100%;
    background: var(--_muted);
  }
  .bars li.best .bar span {
    background: var(--_accent);
  }
  .bars .value {
    text-align: right;
  }
  @media (prefers-reduced-motion: no-preference) {
    .bar span {
      transition: width 120ms linear;
    }
  }
  .keras summary {
    cursor: pointer;
    font-weight: 600;
  }
  .keras pre {
    overflow-x: auto;
    max-width: 100%;
    padding: 0.5rem;
    border: 1px solid color-mix(in srgb, currentColor 25%, transparent);
    border-radius: 4px;
    font-size: 0.8rem;
    line-height: 1.35;
  }
  .dataset .classes {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.5rem;
  }
  .dataset .class-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem 0.75rem;
    min-width: 0;
  }
  .dataset .thumbs {
    display: flex;
    flex-wrap: wrap;
    gap: 2px;
    flex-basis: 100%;
    min-width: 0;
  }
  .dataset .thumb {
    padding: 0;
    line-height: 0;
    border: 1px solid transparent;
  }
  .dataset .thumb:hover,
  .dataset .thumb:focus-visible {
    border-color: var(--_accent, currentColor);
  }
  .dataset .thumb canvas {
    width: 28px;
    height: 28px;
    object-fit: cover;
  }
  .dataset .camera-preview {
    display: block;
    width: min(100%, 240px);
    border-radius: 4px;
    background: #000;
  }
  .dataset .camera-buttons {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem;
  }
  /* Held for a burst: no scrolling, zooming or text selection under the finger. */
  .dataset .shoot {
    touch-action: none;
    user-select: none;
    -webkit-user-select: none;
    -webkit-touch-callout: none;
  }
  .pad-side .add-drawing {
    display: block;
    margin-top: 0.25rem;
  }
`;
