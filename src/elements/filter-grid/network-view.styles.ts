import { css } from 'lit';

/** The network view: columns side by side when wide (`.across`), stacked when narrow (`.down`). */
export const networkStyles = css`
  .network {
    display: flex;
    gap: 0;
    align-items: stretch;
    overflow-x: auto;
    padding: 4px 2px;
  }
  .network.down {
    flex-direction: column;
  }
  /* Side by side, in lines as the width allows: the output is never hidden behind a scroll. */
  .network.across {
    flex-wrap: wrap;
    row-gap: 12px;
  }
  .network .stage {
    display: flex;
    align-items: stretch;
  }
  .network.across .stage {
    flex: 0 0 auto;
  }
  .network.down .stage {
    flex-direction: column;
  }
  .network .column {
    display: flex;
    flex-direction: column;
    gap: 4px;
    min-width: 0;
  }
  .network .column-title {
    font-size: 0.75em;
    line-height: 1.2;
    color: var(--_muted);
    max-width: 9em;
  }
  .network .column-title strong {
    color: var(--_fg, inherit);
  }
  .network .stack {
    display: flex;
    flex-direction: column;
    justify-content: space-around;
    flex: 1;
    gap: 3px;
  }
  .network.across .stack {
    display: grid;
    grid-auto-flow: column;
    /* Up to 8 maps a column; "show all" adds columns. */
    grid-template-rows: repeat(var(--rows), auto);
    align-content: space-around;
  }
  /* Side by side, the picture over the pad: a narrower first column. */
  .network.across .input-column .input {
    flex-direction: column;
  }
  /* Stacked, the sample digits in one line under the picture and the pad, as far as the width allows. */
  .network.down .input .samples {
    max-width: none;
  }
  /* Stacked, a layer's maps in rows of eight (the first eight make one row), shrinking to fit a phone. */
  .network.down .stack {
    display: grid;
    grid-template-columns: repeat(8, minmax(0, calc(var(--cnn-map-size, 40px) + 4px)));
  }
  .network.down .maps canvas {
    width: 100%;
  }
  .network .item {
    display: block;
    padding: 1px;
    border: 1px solid var(--_border);
    border-radius: 3px;
    background: var(--_bg);
    color: inherit;
    font: inherit;
    cursor: pointer;
    line-height: 0;
  }
  .network .item[aria-pressed='true'] {
    outline: 2px solid var(--_accent);
  }
  .network .item:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .network .maps canvas {
    width: var(--cnn-map-size, 40px);
    aspect-ratio: 1;
    image-rendering: pixelated;
  }
  .network .vector canvas.bars {
    width: 120px;
    height: 36px;
    /* The bars' colour: read by the painter once per render of the columns, and again at the
       end of this (unseen) transition, when a colour scheme or a page's theme changes it. */
    color: var(--_accent);
    transition: color 1ms;
  }
  .network .vector,
  .network .output {
    justify-content: center;
  }
  .connector {
    flex: 0 0 24px;
    width: 24px;
    align-self: stretch;
    min-height: 60px;
  }
  .network.down .connector {
    width: 100%;
    height: 16px;
    min-height: 0;
    flex-basis: 16px;
  }
  .connector .link {
    fill: none;
    stroke: currentColor;
    stroke-opacity: 0.18;
    stroke-width: 1;
    vector-effect: non-scaling-stroke;
  }
  .connector .link.strong {
    stroke: var(--_accent);
    stroke-opacity: 0.9;
    stroke-width: 1.5;
  }
  /* One set of columns for every row (each row a subgrid): the labels' column grows with a
     reader's class names ("triangle") up to 10em, where a long one wraps; the value's fits
     "100.0% ◀" in bold and does not follow the text (see .live-text and .reserve). */
  .probabilities {
    list-style: none;
    margin: 0;
    padding: 2px 4px;
    line-height: 1.25;
    font-size: 0.75em;
    display: grid;
    grid-template-columns: minmax(2.5em, max-content) 60px max-content;
    gap: 1px 4px;
  }
  .probabilities li {
    display: grid;
    grid-column: 1 / -1;
    /* Where subgrid is unknown, each row keeps the narrowest labels' columns. */
    grid-template-columns: 2.5em 60px max-content;
    grid-template-columns: subgrid;
    align-items: center;
    text-align: left;
  }
  .probabilities .label {
    max-width: 10em;
    overflow-wrap: anywhere;
  }
  .probabilities .bar {
    height: 8px;
    background: linear-gradient(to right, var(--_accent) calc(var(--p) * 0.1%), transparent 0);
    border: 1px solid var(--_border);
  }
  /* The prediction's mark stays beside its probability. */
  .probabilities .value {
    white-space: nowrap;
  }
  /* A text written on every stroke (a probability, the enlarged map's range) sits in a box of
     one line sized by its column, not by the text: size and layout containment make the box a
     relayout boundary, so writing the text lays out that box alone. Without it, every frame
     while the reader draws laid out the whole page the view is in. */
  .live-text {
    display: block;
    contain: size layout;
    height: 1.25em;
    line-height: 1.25;
    white-space: nowrap;
  }
  /* The longest text a .live-text box takes, unseen and no taller than nothing: it gives the
     box its width, in the reader's own letter and word spacing. */
  .reserve {
    display: block;
    height: 0;
    overflow: hidden;
    visibility: hidden;
    white-space: nowrap;
  }
  .value .reserve {
    font-weight: 700;
  }
  .probabilities li.best {
    font-weight: 700;
  }
  .network .more {
    font-size: 0.75em;
  }
  /* The focused map, enlarged, over its legend (lowest, the colour ramp, highest). */
  .zoom {
    display: grid;
    gap: 4px;
    justify-items: start;
  }
  .zoom canvas {
    width: 112px;
    image-rendering: pixelated;
    border: 1px solid var(--_border);
  }
  .zoom .legend {
    display: flex;
    align-items: center;
    gap: 4px;
    font-size: 0.75em;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  /* The range's ends, right and left of the ramp, each as wide as "-12.345" (.reserve). */
  .zoom .lo {
    text-align: end;
  }
  .zoom .ramp {
    width: 56px;
    height: 8px;
    border: 1px solid var(--_border);
  }
  @media (forced-colors: active) {
    /* The ramp is the enlarged map's colours: kept, as the map's canvas is. */
    .zoom .ramp {
      forced-color-adjust: none;
    }
  }
  .input-column canvas.picture {
    width: 84px;
  }
`;
