package org.overparam.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** What ND4J is running on: backend, BLAS, devices, threads. */
public final class BackendReport {
  private BackendReport() {}

  /** Collects the report (initialises ND4J if needed). */
  public static Map<String, String> collect() {
    return Dl4jRuntime.call(() -> {
      Map<String, String> r = new LinkedHashMap<>();
      var backend = Nd4j.getBackend();
      String cls = backend.getClass().getName();
      r.put("backend", cls);
      r.put("kind", Nd4j.getEnvironment().isCPU() ? "CPU" : "CUDA (GPU)");
      r.put("devices", String.valueOf(Nd4j.getAffinityManager().getNumberOfDevices()));
      var env = Nd4j.getEnvironment();
      r.put("blas", Nd4j.factory().blas().getBlasVendor() + " "
          + env.blasMajorVersion() + "." + env.blasMinorVersion() + "." + env.blasPatchVersion());
      r.put("threads (OpenMP / BLAS)", NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()
          + " / " + Nd4j.factory().blas().getMaxThreads()
          + "  (set with -D" + Dl4jRuntime.THREADS_PROPERTY + "=N or OVERPARAM_THREADS)");
      r.put("OMP_NUM_THREADS", String.valueOf(System.getenv("OMP_NUM_THREADS")));
      r.put("OPENBLAS_CORETYPE", String.valueOf(System.getenv("OPENBLAS_CORETYPE")));
      String advice = openBlasAdvice();
      if (advice != null) {
        r.put("advice", advice);
      }
      r.put("default dtype", String.valueOf(Nd4j.dataType()));
      r.put("available processors", String.valueOf(Runtime.getRuntime().availableProcessors()));
      r.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
      return r;
    });
  }

  /**
   * Advice when OpenBLAS may be running slow kernels, else null. ND4J's OpenBLAS 0.3.19 does not
   * recognise recent CPUs (an AVX-512 AMD EPYC ran dense training 3.8x slower with its own choice than
   * with SkylakeX kernels), and the choice is read from the environment when the library loads, so only
   * the user (or the package's launcher) can make it.
   */
  public static String openBlasAdvice() {
    String set = System.getenv("OPENBLAS_CORETYPE");
    String kernels = recommendedCoreType();
    if ((set != null && !set.isBlank()) || kernels == null) {
      return null;
    }
    return "OPENBLAS_CORETYPE is not set, and the OpenBLAS bundled with ND4J may not recognise this CPU and use "
        + "slow kernels; start Weka with OPENBLAS_CORETYPE=" + kernels + " in the environment (weka-package/weka "
        + "does) for up to 3.8x faster networks";
  }

  /** SkylakeX on CPUs with AVX-512 F/BW/DQ/VL, Haswell with AVX2 (Linux: from /proc/cpuinfo), else null. */
  static String recommendedCoreType() {
    java.nio.file.Path cpuinfo = java.nio.file.Path.of("/proc/cpuinfo");
    if (!java.nio.file.Files.isReadable(cpuinfo)) {
      return null;
    }
    try (var lines = java.nio.file.Files.lines(cpuinfo)) {
      String flags = lines.filter(l -> l.startsWith("flags")).findFirst().orElse("") + " ";
      if (java.util.stream.Stream.of("avx512f", "avx512bw", "avx512dq", "avx512vl")
          .allMatch(f -> flags.contains(" " + f + " "))) {
        return "SkylakeX";
      }
      return flags.contains(" avx2 ") ? "Haswell" : null;
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return null;
    }
  }

  /** Short name of the backend in use, e.g. "CPU (CpuBackend)". */
  public static String backendName() {
    return Dl4jRuntime.call(() -> (Nd4j.getEnvironment().isCPU() ? "CPU" : "CUDA") + " ("
        + Nd4j.getBackend().getClass().getSimpleName() + ", " + Nd4j.factory().blas().getBlasVendor() + ")");
  }

  /** The report as aligned text lines. */
  public static String format(Map<String, String> report) {
    StringBuilder sb = new StringBuilder();
    report.forEach((k, v) -> sb.append(String.format("%-28s %s%n", k + ":", v)));
    return sb.toString();
  }
}
