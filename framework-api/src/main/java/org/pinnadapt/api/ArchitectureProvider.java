package org.pinnadapt.api;

/** Provides an {@link Architecture}. */
public interface ArchitectureProvider extends PluginProvider<Architecture> {}
