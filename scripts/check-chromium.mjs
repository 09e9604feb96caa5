// `npm test` needs a Chromium: stop at once with a one-line hint when there is none.
import { chromiumPath } from './chromium.mjs';

chromiumPath();
