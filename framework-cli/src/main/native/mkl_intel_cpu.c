/*
 * The PyTorch natives that DJL ships link Intel oneMKL statically. oneMKL picks its fast (AVX2 and
 * AVX-512) kernels only when it believes it runs on an Intel CPU; on AMD CPUs with the same
 * instruction sets it falls back to slower code (measured here on an AMD EPYC with AVX-512: a
 * [10000,64]x[64,64] sgemm took 0.48 ms instead of 0.25 ms). oneMKL asks this exported function;
 * preloading this definition makes it answer "yes", so the kernels are chosen by the CPU's instruction
 * sets alone. On Intel CPUs it changes nothing. The launcher builds and preloads it unless
 * PINNADAPT_MKL_SHIM=0. See docs/decisions/0004-native-performance.md.
 */
int mkl_serv_intel_cpu_true(void) {
  return 1;
}
