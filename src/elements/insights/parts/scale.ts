/**
 * A linear scale from 0 to a "nice" maximum, with its ticks. Hand-written instead of d3-scale: the
 * charts need only this, and `scaleLinear` alone weighs 14.1 KB gzip (it brings d3-interpolate,
 * d3-color and d3-format) against the few hundred bytes here. Same step rule as d3's `tickIncrement`.
 */
export interface LinearScale {
  /** Maps a value of the domain [0, max] to the range. */
  (value: number): number;
  /** The nice upper end of the domain. */
  readonly max: number;
  /** Tick values from 0 to `max`, evenly spaced. */
  readonly ticks: readonly number[];
}

/** The tick step for about `count` ticks up to `max`: 1, 2 or 5 times a power of ten. */
export function tickStep(max: number, count: number): number {
  const raw = max / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  return power * (error >= 7.07 ? 10 : error >= 3.16 ? 5 : error >= 1.41 ? 2 : 1);
}

/** A scale from [0, nice(max)] onto [from, to] (`to` may be smaller, as on a y axis). */
export function linearScale(max: number, from: number, to: number, count = 4): LinearScale {
  const top = max > 0 && Number.isFinite(max) ? max : 1;
  const step = tickStep(top, count);
  const niceMax = Math.ceil(top / step - 1e-9) * step;
  const ticks: number[] = [];
  // Multiply rather than accumulate, so 0.1 steps do not drift into 0.30000000000000004.
  for (let i = 0; i * step <= niceMax + step / 1e6; i++) ticks.push(Number((i * step).toPrecision(12)));
  const scale = ((value: number) => from + ((to - from) * value) / niceMax) as LinearScale;
  return Object.assign(scale, { max: niceMax, ticks });
}
