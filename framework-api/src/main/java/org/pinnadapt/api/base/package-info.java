/**
 * What every other API package builds on: the failures a plug-in reports ({@link
 * org.pinnadapt.api.base.InvalidInputException} for bad input, named by its culprit), plug-in options (their
 * specifications and parsed values) and {@link org.pinnadapt.api.base.Scalars}, scalar arrays that stay alive as
 * long as autograd needs them.
 */
package org.pinnadapt.api.base;
