package io.ticketbridge.sandbox.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartParserTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsBoundaryFromQuotedOrPlainParameters() {
        assertThat(MultipartParser.boundary("multipart/form-data; boundary=abc")).isEqualTo("abc");
        assertThat(MultipartParser.boundary("Multipart/Form-Data; charset=UTF-8; boundary=\"a b;c\"")).isEqualTo("a b;c");
        assertThat(MultipartParser.boundary("application/json")).isNull();
    }

    @Test
    void skipsPreambleAndEpilogueAndKeepsPartHeaders() {
        String body = "preamble to ignore\r\n--xx\r\n"
                + "Content-Disposition: form-data; name=\"input_file\"; filename=\"a;b \\\"q\\\".txt\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + "x,y\r\n1,2\r\n--xx--\r\nepilogue";

        List<MultipartParser.Part> parts = MultipartParser.parse(bytes(body), "xx", null);

        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).name()).isEqualTo("input_file");
        assertThat(parts.get(0).filename()).isEqualTo("a;b \"q\".txt");
        assertThat(parts.get(0).contentType()).isEqualTo("text/csv");
        assertThat(new String(parts.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("x,y\r\n1,2");
    }

    @Test
    void extendedFilenameWinsAndEmptyPartsAndPaddingAreFine() {
        String body = "--xx  \r\n"
                + "Content-Disposition: form-data; name=\"input_file\"; filename=\"fallback.txt\";"
                + " filename*=UTF-8''%E2%82%AC%20rates.txt\r\n\r\n"
                + "\r\n--xx\r\n\r\nheaderless\r\n--xx--";

        List<MultipartParser.Part> parts = MultipartParser.parse(bytes(body), "xx", null);

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).filename()).isEqualTo("€ rates.txt");
        assertThat(parts.get(0).content()).isEmpty();
        assertThat(parts.get(1).name()).isNull();
        assertThat(new String(parts.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("headerless");
    }

    @Test
    void rawUtf8FileNamesAsBrowsersSendThem() {
        String body = "--xx\r\nContent-Disposition: form-data; name=\"input_file\"; filename=\"Überweisung.pdf\"\r\n\r\n"
                + "%PDF\r\n--xx--";

        assertThat(MultipartParser.parse(bytes(body), "xx", null).get(0).filename()).isEqualTo("Überweisung.pdf");
    }

    @Test
    void truncatedBodiesAre400s() {
        assertThatThrownBy(() -> MultipartParser.parse(bytes("--xx\r\nContent-Disposition: form-data\r\n\r\ndata"),
                "xx", null)).isInstanceOf(SdpApiException.class).hasMessageContaining("closing boundary");
        assertThatThrownBy(() -> MultipartParser.parse(bytes("no boundary here"), "xx", null))
                .isInstanceOf(SdpApiException.class);
    }
}
