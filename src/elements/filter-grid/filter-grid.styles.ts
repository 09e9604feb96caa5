import { css } from 'lit';

export const filterGridStyles = css`
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 14px;
    align-items: flex-end;
  }
  .bar label {
    display: grid;
    gap: 2px;
    font-size: 0.9em;
  }
  .bar label.inline {
    display: flex;
    gap: 6px;
    align-items: center;
  }
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--cnn-tile-size, 52px), 1fr));
    gap: 6px;
    max-height: var(--cnn-grid-max-height, 360px);
    overflow: auto;
    padding: 3px;
  }
  .tile {
    display: grid;
    gap: 2px;
    justify-items: center;
    padding: 2px;
    border: 1px solid var(--_border);
    border-radius: 4px;
    background: var(--_bg);
    cursor: pointer;
    font-size: 0.75em;
    color: var(--_muted);
  }
  .tile[aria-selected='true'] {
    border-color: var(--_accent);
    outline: 2px solid var(--_accent);
  }
  .tile canvas {
    width: 100%;
    aspect-ratio: 1;
    image-rendering: pixelated;
  }
  .legend[hidden] {
    display: none;
  }
  .note {
    margin: 0;
    color: var(--_muted);
    font-size: 0.85em;
  }
  .details {
    display: flex;
    flex-wrap: wrap;
    gap: 12px;
    align-items: flex-start;
  }
  .details p {
    margin: 0;
  }
  .weights {
    border-collapse: collapse;
    font-family: ui-monospace, monospace;
    font-size: 0.8em;
  }
  /* Row and column numbers: headers for screen readers, quiet for the eye. */
  .weights th {
    color: var(--_muted);
    font-weight: normal;
    font-size: 0.85em;
    padding: 0 4px;
  }
  .weights td {
    border: 1px solid var(--_border);
    padding: 1px 5px;
    text-align: right;
  }
  .input {
    display: flex;
    flex-wrap: wrap;
    gap: 10px;
    align-items: flex-start;
  }
  /* Beside a 120 px pad: three samples a row, not one long row that widens the input's column. */
  .input .samples {
    max-width: 124px;
  }
  .pad-figure {
    display: grid;
    gap: 4px;
  }
  .pad-figure .caption {
    color: var(--_muted);
  }
  .input canvas.picture {
    width: 96px;
    aspect-ratio: auto;
    image-rendering: pixelated;
    border: 1px solid var(--_border);
  }
  .timeline {
    display: flex;
    gap: 8px;
    align-items: center;
  }
  .timeline input {
    flex: 1;
  }
`;
