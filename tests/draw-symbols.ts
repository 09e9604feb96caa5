/**
 * Hand-drawn-looking symbols for the trainer's own-dataset tests and stories: a bar, a
 * dash, a ring, a tick or a cross, dark on white, at a random place, size and stroke
 * (seeded), the way a reader draws them on the pad.
 */
export type SymbolName = 'bar' | 'dash' | 'ring' | 'tick' | 'cross';

export function drawSymbol(symbol: SymbolName, next: () => number, side = 140): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = side;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, side, side);
  g.strokeStyle = '#000';
  g.lineWidth = 8 + next() * 8;
  g.lineCap = g.lineJoin = 'round';
  const x = 50 + next() * 40;
  const y = 50 + next() * 40;
  const r = 25 + next() * 20;
  const tilt = (next() - 0.5) * 0.3;
  g.beginPath();
  const line = (x0: number, y0: number, x1: number, y1: number) => {
    g.moveTo(x0, y0);
    g.lineTo(x1, y1);
  };
  switch (symbol) {
    case 'ring':
      g.arc(x, y, r, 0, Math.PI * 2);
      break;
    case 'bar':
      line(x - Math.sin(tilt) * r, y - Math.cos(tilt) * r, x + Math.sin(tilt) * r, y + Math.cos(tilt) * r);
      break;
    case 'dash':
      line(x - Math.cos(tilt) * r, y - Math.sin(tilt) * r, x + Math.cos(tilt) * r, y + Math.sin(tilt) * r);
      break;
    case 'tick':
      g.moveTo(x - r, y);
      g.lineTo(x - r / 3, y + r);
      g.lineTo(x + r, y - r);
      break;
    case 'cross':
      line(x - r, y - r, x + r, y + r);
      line(x + r, y - r, x - r, y + r);
      break;
  }
  g.stroke();
  return canvas;
}
