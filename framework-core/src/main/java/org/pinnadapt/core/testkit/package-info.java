/**
 * The small facade that the TCK (and any plug-in's own tests) use to drive the engine: a test runtime
 * with samplers and the garbage-collection check, a strategy harness that exposes a run's steps, plug-in
 * jars loaded as the framework loads them, and the heat-equation fixture. Nothing else of the core's
 * internals is needed to test a plug-in.
 */
package org.pinnadapt.core.testkit;
