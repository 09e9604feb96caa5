import { css } from 'lit';

export const poolingStepperStyles = css`
  :host {
    --_cell: var(--cnn-cell-size, 2.2em);
    --_window: var(--cnn-window, var(--_accent));
  }
  .maps {
    display: flex;
    flex-wrap: wrap;
    gap: 16px 28px;
    align-items: flex-start;
  }
  .maps > * {
    /* Each map keeps its width (wrapping to a line of its own) up to the element's width,
       beyond which its stage scrolls: the figure's one column may shrink below the map. */
    flex: 0 0 auto;
    min-width: 0;
    max-width: 100%;
    grid-template-columns: minmax(0, auto);
  }
  .stage,
  .output {
    border-radius: 4px;
    justify-self: start;
    /* A map wider than the element scrolls inside its own box, not the page. The input's
       box takes the focus for its keys; the output's, without focusable content, is one
       browsers focus on their own (Chrome's and Firefox's keyboard-focusable scrollers). */
    max-width: 100%;
    overflow-x: auto;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(var(--cols), var(--_cell));
    grid-auto-rows: var(--_cell);
    gap: 2px;
    font-variant-numeric: tabular-nums;
    font-size: 0.85em;
  }
  .cell {
    display: grid;
    place-items: center;
    border-radius: 3px;
    background: var(--_bg);
    outline: 1px solid var(--_border);
    transition: box-shadow 0.15s, outline-color 0.15s;
    overflow: hidden;
    /* Holds the clipped full value of a shortened cell (for screen readers) inside the cell. */
    position: relative;
    white-space: nowrap;
  }
  .cell .long {
    font-size: 0.8em;
    letter-spacing: -0.02em;
  }
  .cell.pad {
    outline: 1px dashed var(--_border);
    background: transparent;
  }
  .cell.win {
    outline: 3px solid var(--_window);
    outline-offset: -1px;
    z-index: 1;
  }
  .cell.chosen {
    box-shadow: inset 0 0 0 3px var(--_fg);
    font-weight: 700;
  }
  @media (forced-colors: active) {
    /* Forced colours drop the inset ring: a border marks the chosen value instead. */
    .cell.chosen {
      border: 3px solid CanvasText;
    }
  }
  .cell.current {
    outline: 3px solid var(--_window);
    z-index: 1;
  }
  .cell.empty {
    background: transparent;
  }
  .formula {
    margin: 0;
    color: var(--_muted);
    font-family: var(--cnn-mono-font, ui-monospace, monospace);
    font-size: 0.85em;
  }
  .narration {
    margin: 0;
    min-height: 2.8em;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 14px;
    align-items: center;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  button {
    min-width: 2.4em;
  }
  button.play {
    min-width: 5em;
  }
  label {
    display: inline-flex;
    gap: 6px;
    align-items: center;
  }
  .scrub input {
    width: 10em;
    accent-color: var(--_accent);
  }
  @media (prefers-reduced-motion: reduce) {
    .cell {
      transition: none;
    }
  }
`;
