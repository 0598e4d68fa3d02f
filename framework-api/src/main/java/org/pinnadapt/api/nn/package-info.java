/**
 * Functional networks: a {@link org.pinnadapt.api.nn.NetworkSpec} describes the layers, a
 * {@link org.pinnadapt.api.nn.Network} (implemented by the framework) evaluates
 * {@code f(x; W)} and its input derivatives for weights supplied per call, and
 * {@link org.pinnadapt.api.nn.Compositions} builds each layer's weight from a strategy's parameters
 * ({@code W0 + B A}, {@code V diag(s) U^T}, {@code W + P diag(alpha) Q}).
 */
package org.pinnadapt.api.nn;
