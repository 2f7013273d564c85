/**
 * Python's `round(x, digits)` for floats: the decimal with `digits` places nearest to the exact
 * binary value of `x`, ties (only possible when `x` is exactly halfway, e.g. 0.0625 → 0.062) to
 * even. `Math.round(x * 1000) / 1000` differs on such values; `toFixed` rounds exact ties up.
 */
export function pythonRound(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const fast = roundFarFromHalf(x, digits);
  if (fast !== undefined) return fast;
  if (mayBeTie(x, digits) && isExactTie(x, digits)) {
    // x·10^d = n + 0.5 exactly; the float product is exact because the result is representable.
    const scaled = Math.abs(x) * 10 ** digits;
    const floor = Math.floor(scaled);
    const even = floor % 2 === 0 ? floor : floor + 1;
    return (Math.sign(x) * even) / 10 ** digits;
  }
  return Number(x.toFixed(digits));
}

/**
 * The common case without strings or BigInt (scoring rounds every metric of every series): when
 * |x|·10^d, a float product off by far less than 2^-16 below 2^32, is not within 2^-16 of a half,
 * its nearest integer n is the one `toFixed` picks, and n / 10^d (both exact, one correctly rounded
 * division) is the double nearest n·10^-d, which is what Number() makes of `toFixed`'s text.
 * Zeros of either sign give 0, as `(-0).toFixed(d)` writes "0.000". Undefined where that argument
 * does not hold (huge or near-half products, inexact powers of ten).
 */
function roundFarFromHalf(x: number, digits: number): number | undefined {
  if (!Number.isInteger(digits) || digits < 0 || digits > 22) return undefined;
  if (x === 0) return 0;
  const power = 10 ** digits;
  const scaled = Math.abs(x) * power;
  if (!(scaled < 4294967296)) return undefined;
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  if (Math.abs(fraction - 0.5) <= 1.52587890625e-5) return undefined;
  const rounded = (fraction < 0.5 ? floor : floor + 1) / power;
  return x < 0 ? -rounded : rounded;
}

/**
 * Cheap necessary condition of {@link isExactTie}: a tie x·10^d = n + ½ below 2^52 is
 * representable, so the float product is exact and shows the ½; a product without it cannot be a
 * tie. Larger products and inexact powers of ten go to the exact check.
 */
function mayBeTie(x: number, digits: number): boolean {
  // 10^d is an exact float only for whole d up to 22.
  if (!Number.isInteger(digits) || digits < 0 || digits > 22) return true;
  const scaled = Math.abs(x) * 10 ** digits;
  if (!(scaled < 2 ** 52)) return true;
  return scaled - Math.floor(scaled) === 0.5;
}

/**
 * True when 2·|x|·10^digits is an odd integer, i.e. x lies exactly halfway between two decimals.
 */
function isExactTie(x: number, digits: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponentBits === 0 ? fraction : fraction | (1n << 52n);
  const exponent = exponentBits === 0 ? -1074 : exponentBits - 1075;
  if (mantissa === 0n) return false;
  // 2·|x|·10^d = mantissa · 10^d · 2^(exponent + 1)
  let value = mantissa * 10n ** BigInt(digits);
  const shift = exponent + 1;
  if (shift >= 0) value <<= BigInt(shift);
  else {
    const divisor = 1n << BigInt(-shift);
    if (value % divisor !== 0n) return false;
    value /= divisor;
  }
  return value % 2n === 1n;
}
