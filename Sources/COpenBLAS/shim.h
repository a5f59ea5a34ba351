// The C interfaces DriftMultivariate uses: CBLAS from Debian's libopenblas-dev and LAPACKE
// from liblapacke-dev (Debian's OpenBLAS ships no LAPACKE; liblapacke's LAPACK calls resolve
// to OpenBLAS). `lapack_int` is a macro Swift cannot see: it is `int` here, pass `Int32`.
#ifndef DRIFTWATCH_COPENBLAS_SHIM_H
#define DRIFTWATCH_COPENBLAS_SHIM_H

#include <cblas.h>
#include <lapacke.h>

#endif
