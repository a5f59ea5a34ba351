// CBLAS of Debian's libopenblas-dev, for the raw dgemm/dsyrk/dsymm benchmarks of
// MultivariateBenchmarks: the same library DriftMultivariate links through the root package's
// COpenBLAS system library target (which is not a product, so the benchmarks declare their own).
// OpenBLAS's cblas.h also declares openblas_get_config, openblas_get_corename and
// openblas_get_num_threads, which the benchmark prints.
#ifndef DRIFTWATCH_CBLASBENCH_SHIM_H
#define DRIFTWATCH_CBLASBENCH_SHIM_H

#include <cblas.h>

#endif
