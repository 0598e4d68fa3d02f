/**
 * The benchmark protocols as a library. Each bench is a class with a validated {@code Settings} record, a static
 * {@code run(PinnAdapt, Settings, BenchLog)} and typed {@code Row}/{@code Result} records whose {@code toMap()} is
 * the JSON that {@code pinnadapt bench ... --json} writes; {@code figures(result)} draws its charts. {@link
 * org.pinnadapt.bench.Scale} picks the budget (smoke, quick, paper).
 */
package org.pinnadapt.bench;
