/** Plug-in discovery over the boot layer and a plug-in folder (internal). */
package org.pinnadapt.core.plugin;
