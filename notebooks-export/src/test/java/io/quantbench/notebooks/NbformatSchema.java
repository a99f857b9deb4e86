package io.quantbench.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.quantbench.engine.Fixtures;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * nbformat's official v4.5 JSON schema (../shared/data/nbformat, see PROVENANCE.md), checked with a draft-04
 * validator. The schema cannot say that cell ids are unique or that images are PNGs: the tests check those.
 */
final class NbformatSchema {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private NbformatSchema() {
    }

    /** The schema; skips the calling test when the fixture is absent (fails under CI). */
    static Schema load() throws IOException {
        JsonNode schema = MAPPER.readTree(Fixtures.require("nbformat/nbformat.v4.5.schema.json").toFile());
        // The file declares "$schema": draft-04; the default dialect is only a fallback.
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema);
    }

    /** The schema's complaints about {@code notebook}, one per line ("" when it is valid). */
    static String problems(Schema schema, JsonNode notebook) {
        List<Error> errors = schema.validate(notebook);
        return errors.stream().map(Error::toString).collect(Collectors.joining("\n"));
    }
}
