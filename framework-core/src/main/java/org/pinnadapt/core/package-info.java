/**
 * The framework's public entry points: {@link org.pinnadapt.core.PinnAdapt} (discovery, wiring,
 * runtime) and {@link org.pinnadapt.core.Registry} (providers by id).
 */
package org.pinnadapt.core;
