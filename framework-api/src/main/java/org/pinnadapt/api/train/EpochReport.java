package org.pinnadapt.api.train;

/**
 * Progress of a training, sent to listeners.
 *
 * @param label what is being trained, e.g. {@code lora Re=40}
 * @param row the history row of the epoch just finished
 * @param maxEpochs the epoch budget
 * @param etaSeconds estimated seconds to the end of the budget
 */
public record EpochReport(String label, HistoryRow row, int maxEpochs, double etaSeconds) {}
