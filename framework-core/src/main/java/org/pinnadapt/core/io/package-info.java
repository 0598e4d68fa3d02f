/**
 * Files: checksummed array files (checkpoints, saved states) written atomically, JSON and CSV
 * helpers.
 */
package org.pinnadapt.core.io;
