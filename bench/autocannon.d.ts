// The part of autocannon's API the admission benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface Histogram { readonly average: number; readonly [percentile: string]: number }
  interface Result {
    readonly requests: Histogram;
    readonly latency: Histogram;
    readonly errors: number;
    readonly timeouts: number;
    readonly non2xx: number;
    readonly statusCodeStats: Readonly<Record<string, { readonly count: number }>>;
  }
  interface Options {
    readonly url: string;
    readonly connections?: number;
    readonly duration?: number;
    readonly overallRate?: number;
    readonly requests?: readonly { readonly method: string; readonly path: string; readonly body?: string; readonly headers?: Readonly<Record<string, string>> }[];
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
