# Sourced by weka-package/weka and by the benchmark scripts. ND4J's bundled OpenBLAS 0.3.19 does not recognise
# recent CPUs (e.g. AMD EPYC with AVX-512) and falls back to slow generic kernels; naming the kernels it should use
# made dense training 3.8x faster on the 2-core AVX-512 test machine (README, Performance). AVX-512 (F, BW, DQ, VL):
# SkylakeX kernels; AVX2: Haswell kernels. A value the user set is kept.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ -r /proc/cpuinfo ]; then
  _flags=" $(grep -m1 '^flags' /proc/cpuinfo) "
  if [[ $_flags == *" avx512f "* && $_flags == *" avx512bw "* && $_flags == *" avx512dq "* \
        && $_flags == *" avx512vl "* ]]; then
    export OPENBLAS_CORETYPE=SkylakeX
  elif [[ $_flags == *" avx2 "* ]]; then
    export OPENBLAS_CORETYPE=Haswell
  fi
  unset _flags
fi
