/**
 * Trainers: Adam with the papers' step-decay schedule and early stopping, L-BFGS with a strong-Wolfe
 * line search written over NDArrays, and their chain; first-order autograd helpers.
 */
package org.pinnadapt.core.train;
