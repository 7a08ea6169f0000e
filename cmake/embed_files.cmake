# Writes a C++ file that holds every file of DIR matching GLOB, in name order, as {name, text}
# in a vector returned by FUNCTION (declared in HEADER, in NAMESPACE, of element type TYPE).
# Used for the migrations (sql/*.sql, in the service) and the seeder's tables
# (data/seed/*.tsv, in customer-api-seed only). Arguments: -DOUT= -DDIR= -DGLOB= -DHEADER=
# -DNAMESPACE= -DFUNCTION= -DTYPE=.
file(GLOB files ${DIR}/${GLOB})
list(SORT files)
set(delimiter "capi_embedded")
set(body "// Generated from ${GLOB} by cmake/embed_files.cmake. Do not edit.\n")
string(APPEND body "#include \"${HEADER}\"\n\nnamespace ${NAMESPACE} {\n")
string(APPEND body "const std::vector<${TYPE}>& ${FUNCTION}() {\n")
string(APPEND body "  static const std::vector<${TYPE}> files = {\n")
foreach(f ${files})
  get_filename_component(name ${f} NAME)
  file(READ ${f} text)
  string(FIND "${text}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${name} contains the raw-string delimiter")
  endif()
  string(APPEND body "      {\"${name}\", R\"${delimiter}(${text})${delimiter}\"},\n")
endforeach()
string(APPEND body "  };\n  return files;\n}\n}  // namespace ${NAMESPACE}\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
