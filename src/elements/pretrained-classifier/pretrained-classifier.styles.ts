import { css } from 'lit';

export const pretrainedClassifierStyles = css`
  .layout {
    display: grid;
    grid-template-columns: minmax(0, auto) minmax(12em, 1fr);
    gap: 14px;
    align-items: start;
  }
  @container (max-width: 520px) {
    .layout {
      grid-template-columns: 1fr;
    }
  }
  :host {
    container-type: inline-size;
  }
  .input {
    display: grid;
    gap: 8px;
    justify-items: start;
    border-radius: 6px;
  }
  :host([dragging]) .input {
    outline: 2px dashed var(--_accent);
    outline-offset: 4px;
  }
  .views {
    display: flex;
    flex-wrap: wrap;
    gap: 10px;
    align-items: flex-end;
  }
  figure {
    margin: 0;
    display: grid;
    gap: 4px;
    justify-items: start;
  }
  figcaption,
  .hint {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .view {
    position: relative;
    display: inline-block;
    line-height: 0;
    background: #000;
    border-radius: 4px;
    overflow: hidden;
  }
  .view canvas {
    display: block;
    image-rendering: pixelated;
  }
  .view .photo {
    max-width: 100%;
    width: var(--cnn-preview-size, 224px);
    image-rendering: auto;
  }
  .view .digit {
    width: 84px;
    height: 84px;
  }
  .view .cam {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    image-rendering: auto;
  }
  video {
    max-width: var(--cnn-preview-size, 224px);
    border-radius: 4px;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    align-items: center;
  }
  .file {
    display: inline-flex;
    align-items: center;
  }
  .file input {
    position: absolute;
    width: 1px;
    height: 1px;
    opacity: 0;
  }
  li.empty {
    color: var(--_muted);
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 6px;
  }
  li {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 2px 8px;
  }
  .name {
    overflow-wrap: anywhere;
  }
  /* The class's WordNet id (ImageNet labels): there to look it up, not to read first. */
  .id {
    color: var(--_muted);
    font-size: 0.8em;
    font-variant-numeric: tabular-nums;
  }
  .pct {
    font-variant-numeric: tabular-nums;
  }
  .bar {
    grid-column: 1 / -1;
    height: 8px;
    border-radius: 4px;
    background: color-mix(in srgb, var(--_border) 60%, transparent);
    overflow: hidden;
  }
  .bar span {
    display: block;
    height: 100%;
    background: var(--_accent);
    transition: width 0.2s;
  }
  li:first-child .label {
    font-weight: 600;
  }
  .results .heading {
    margin: 0 0 6px;
    font-size: 1em;
    font-weight: 700;
  }
  @media (prefers-reduced-motion: reduce) {
    .bar span {
      transition: none;
    }
  }
`;
