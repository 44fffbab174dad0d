package com.adreview.simulation;

import static com.adreview.simulation.SimulationResourceTest.CAPITAL;
import static com.adreview.simulation.SimulationResourceTest.RAISED;
import static com.adreview.simulation.SimulationResourceTest.awaitEnd;
import static com.adreview.simulation.SimulationResourceTest.p2p;
import static com.adreview.simulation.SimulationResourceTest.simulate;
import static com.adreview.testing.Api.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A compliance officer's look at a simulation in headless Chromium (as review/ConsoleBrowserTest): the
 * chart of transitions drawn, the affected ad listed with its new finding's evidence marked. The
 * screenshot lands in target/console-screenshots/simulation-page.png.
 */
@QuarkusTest
@WithTestResource(com.adreview.testing.EmbeddedStoreResource.class)
class SimulationBrowserTest {

    static final Path SCREENSHOTS = com.adreview.testing.Browsers.SCREENSHOTS;

    private static ChromeDriver browser;

    @TestHTTPResource("/console/simulations")
    URL console;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = com.adreview.testing.Browsers.headlessChromium();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theSimulationPageShowsTheChartAndTheAdsTheCandidateWouldPull() throws Exception {
        String pulled = submit(p2p(CAPITAL), "APPROVED");
        String id = simulate(CandidateArchives.p2pCapitalRaisedTo(RAISED));
        awaitEnd(id);

        browser.manage().window().setSize(new Dimension(1366, 1000));
        browser.get(console.getProtocol() + "://admin:admin@" + console.getHost() + ":" + console.getPort()
                + console.getPath() + "/" + id);

        assertThat(browser.findElement(By.id("state")).getText()).startsWith("DONE");
        WebElement chart = browser.findElement(By.id("transition-chart"));
        assertThat(chart.isDisplayed()).isTrue();
        assertThat(chart.getText()).contains("APPROVED → PULLED");
        List<WebElement> rows =
                browser.findElements(By.cssSelector("tr.affected-ad[data-submission='" + pulled + "']"));
        assertThat(rows).hasSize(1);
        WebElement row = rows.get(0);
        assertThat(row.findElement(By.cssSelector("td.transition")).getText()).isEqualTo("APPROVED → PULLED");
        WebElement evidence = row.findElement(By.cssSelector(".finding.appearing mark.evidence"));
        assertThat(evidence.getText()).contains("advertiser.registeredCapital");
        assertThat(evidence.getCssValue("background-color")).isNotIn("rgba(0, 0, 0, 0)", "transparent");

        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve("simulation-page.png"), StandardCopyOption.REPLACE_EXISTING);

        browser.get(console.getProtocol() + "://admin:admin@" + console.getHost() + ":" + console.getPort()
                + console.getPath());
        assertThat(browser.findElement(By.id("simulations")).getText()).contains("DONE");
    }
}
