/**
 * Many-query prediction: thousands of new solutions from a trained run (a hypernetwork's forward pass per batch of
 * samples), reduced to summary fields per grid point and written as CSV, NumPy arrays and figures.
 */
package org.pinnadapt.core.query;
