package org.example.heat;

import org.pinnadapt.tck.PluginJarContract;

/** The plug-in as it ships: its module packed into a jar, loaded in a child layer and listed. */
class HeatJarContractTest extends PluginJarContract {}
