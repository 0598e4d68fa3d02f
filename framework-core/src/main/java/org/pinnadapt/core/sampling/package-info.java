/** Seeded point samplers over box domains: uniform random, Latin hypercube, Sobol and grids. */
package org.pinnadapt.core.sampling;
