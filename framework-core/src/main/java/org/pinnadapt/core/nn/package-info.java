/**
 * The functional network and its Taylor-mode derivative engine: weights are supplied per call, input
 * derivatives are pushed forward through the layers as extra channels stacked on a leading axis, and
 * one ordinary backward pass gives every weight gradient.
 */
package org.pinnadapt.core.nn;
