/** Export of results folders as a Jupyter notebook and a tidy CSV. */
package io.quantbench.notebooks;
