package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the resources over one shared state and registers their routes. */
final class SdpApi {

    final SdpContext ctx;
    final RequestResource requests;
    final NoteResource notes;
    final WorklogResource worklogs;
    final ResolutionResource resolutions;
    final AttachmentResource attachments;
    final LinkResource links;
    final Router router = new Router();

    SdpApi(SdpSimulator.Options options) {
        LookupCatalog catalog = new LookupCatalog(options.groups, options.categories);
        ObjectNode apiUser = catalog.addUser(options.apiUserName, options.apiUserEmail).deepCopy();
        ObjectNode technician = catalog.addUser(options.technicianName, options.technicianEmail).deepCopy();
        ctx = new SdpContext(new SdpStore(options.clock, options.childChangesTouchRequest), catalog,
                new RequestFields(catalog), new ClosureRule(options.closureRequiredFields), apiUser, technician);
        requests = new RequestResource(ctx);
        notes = new NoteResource(ctx);
        worklogs = new WorklogResource(ctx);
        resolutions = new ResolutionResource(ctx);
        attachments = new AttachmentResource(ctx);
        links = new LinkResource(ctx);
        requests.register(router);
        notes.register(router);
        worklogs.register(router);
        resolutions.register(router);
        attachments.register(router);
        links.register(router);
    }
}
