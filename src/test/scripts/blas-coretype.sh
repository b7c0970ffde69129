# Sourced by the benchmark scripts. blas_coretype CLASSPATH: where the package sets OPENBLAS_CORETYPE itself
# (OpenBlasCore: OpenBLAS 0.3.21 takes some recent CPUs, e.g. an Intel Xeon model 207, for a Pentium 4), exports the
# same value, so that NumPy, scikit-learn and PyTorch, which load Debian's OpenBLAS 0.3.21, run the CPU's vector
# kernels too. A value the caller set is kept.
blas_coretype() {
  if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
    local core
    core=$(java -cp "$1" org.overparam.bench.BlasKernels)
    if [ -n "$core" ]; then
      export OPENBLAS_CORETYPE=$core
      echo "OPENBLAS_CORETYPE=$core for every process of this run (the package sets it on this CPU)"
    fi
  fi
}
