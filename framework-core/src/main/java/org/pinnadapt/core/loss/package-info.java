/** Physics-informed and supervised losses over sampled points, and error metrics. */
package org.pinnadapt.core.loss;
