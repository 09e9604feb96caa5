// float32 → IEEE 754 half precision, rounding to nearest even, for the digit model's weights
// manifest (`quantization: { dtype: 'float16' }`, which tfjs' loaders turn back into float32).
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function toHalf(value) {
  f32[0] = value;
  const bits = u32[0];
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  let mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0); // Inf, NaN
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // too large: Inf
  let half, rest, halfway;
  if (e <= 0) {
    // Subnormal half (or zero): shift the mantissa, with its implicit 1, further right.
    if (e < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - e;
    half = mantissa >>> shift;
    rest = mantissa & ((1 << shift) - 1);
    halfway = 1 << (shift - 1);
  } else {
    half = (e << 10) | (mantissa >>> 13);
    rest = mantissa & 0x1fff;
    halfway = 0x1000;
  }
  // A carry out of the mantissa correctly bumps the exponent.
  if (rest > halfway || (rest === halfway && half & 1)) half++;
  return sign | half;
}

/** The half-precision bits of every value. */
export function encodeFloat16(values) {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = toHalf(values[i]);
  return out;
}
