# Installs the web UI beside the binary: web/ → ${OUT}, and the pinned chart library from
# node_modules (npm ci, run by the Makefile) → ${OUT}/vendor. Run with cmake -P.
file(REMOVE_RECURSE ${OUT})
file(COPY ${SRC}/web/ DESTINATION ${OUT})
set(echarts ${SRC}/node_modules/echarts/dist/echarts.esm.min.js)
if(EXISTS ${echarts})
  file(COPY ${echarts} DESTINATION ${OUT}/vendor)
else()
  message(WARNING "node_modules/echarts is missing: run `npm ci` (make build does); the charts will not load")
endif()
