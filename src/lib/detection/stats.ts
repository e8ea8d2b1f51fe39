/**
 * Poisson statistics for the expectation-based scan (Kulldorff's prospective space-time scan in
 * its expectation-based form, as in disease surveillance): for a window with c observed and
 * mu expected posts, the log-likelihood ratio LLR = c ln(c/mu) - (c - mu) when c > mu, and the
 * upper tail p = P(X >= c | mu). Pure module, allocation-free.
 */

const LANCZOS = [
	0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
	-176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
	1.5056327351493116e-7
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function lnGamma(x: number): number {
	if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
	x -= 1;
	let a = LANCZOS[0];
	const t = x + 7.5;
	for (let i = 1; i < 9; i++) a += LANCZOS[i] / (x + i);
	return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Kulldorff's Poisson log-likelihood ratio (0 when c <= mu). */
export function poissonLlr(c: number, mu: number): number {
	if (c <= mu || mu <= 0) return 0;
	return c * Math.log(c / mu) - (c - mu);
}

/**
 * log10 of P(X >= c) for X ~ Poisson(mu), c > mu: the first term of the tail times the bound
 * 1 / (1 - mu / (c + 1)) on the rest, so never below the true value (conservative).
 */
export function poissonTailLog10(c: number, mu: number): number {
	if (c <= 0) return 0;
	if (mu <= 0) return -Infinity;
	if (c <= mu + 1) return 0;
	const lnTerm = -mu + c * Math.log(mu) - lnGamma(c + 1);
	const lnRest = -Math.log(1 - mu / (c + 1));
	return Math.min(0, (lnTerm + lnRest) / Math.LN10);
}
