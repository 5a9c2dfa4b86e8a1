package com.exportservice.status;

/** No export has this id: HTTP 404. */
public class ExportNotFoundException extends RuntimeException {
    public ExportNotFoundException(String id) {
        super("no export with id '" + id + "'");
    }
}
