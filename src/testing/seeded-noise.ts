/**
 * The one seeded noise generator of the baseline tests (it was copied into five test files): a
 * 32-bit linear congruential generator, so every test series is the same on every machine.
 */

/** Next state of the LCG (Numerical Recipes constants). */
const step = (state: number): number => (Math.imul(state, 1664525) + 1013904223) >>> 0;

/** Deterministic uniform noise in [−0.5, 0.5), `count` values from `seed`. */
export function uniformNoise(seed: number, count: number): Float64Array {
  let state = seed >>> 0;
  return Float64Array.from({ length: count }, () => {
    state = step(state);
    return state / 4294967296 - 0.5;
  });
}

/** Deterministic standard normals (the same LCG, Box–Muller with two uniforms per value). */
export function standardNormals(seed: number, count: number): Float64Array {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = step(state);
    return (state + 0.5) / 4294967296;
  };
  return Float64Array.from(
    { length: count },
    () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()),
  );
}
