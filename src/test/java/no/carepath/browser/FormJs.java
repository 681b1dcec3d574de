package no.carepath.browser;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Fills a Camunda Form (form-js) the way a person does: by the labels they read. */
final class FormJs {

  private final WebDriver browser;
  private final WebDriverWait wait;

  FormJs(WebDriver browser) {
    this.browser = browser;
    this.wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    this.wait.ignoring(StaleElementReferenceException.class);
  }

  /**
   * Types into a text field and waits until the form holds the text: the Tasklist renders the form
   * again when a task is claimed, and keys typed into the old rendering are lost.
   */
  void type(String label, String text) {
    wait.until(driver -> {
      WebElement input = editable(label);
      if (input == null) {
        return false;
      }
      scroll(input);
      if (!text.equals(input.getAttribute("value"))) {
        input.clear();
        input.sendKeys(text);
      }
      return text.equals(field(label).findElement(By.cssSelector("textarea, input")).getAttribute("value"));
    });
  }

  /** A select: open it, then click the option. */
  void choose(String label, String option) {
    WebElement field = field(label);
    WebElement control = field.findElement(By.cssSelector("input, .fjs-select-display, select"));
    scroll(control);
    if (control.getTagName().equals("select")) {
      control.findElement(By.xpath(".//option[normalize-space()='" + option + "']")).click();
      return;
    }
    control.click();
    WebElement item = wait.until(ExpectedConditions.elementToBeClickable(
        field.findElement(By.xpath(".//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + option + "']"))));
    item.click();
  }

  /** A radio option or checklist entry, by its own label. */
  void pick(String optionLabel) {
    WebElement label = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//label[normalize-space()='" + optionLabel + "']")));
    scroll(label);
    label.click();
  }

  void tick(String checkboxLabel) {
    pick(checkboxLabel);
  }

  /** A field's input, once the form lets one type into it (after claiming). */
  WebElement input(String label) {
    return wait.until(driver -> editable(label));
  }

  /** The field's input if one may type into it now, else null. */
  private WebElement editable(String label) {
    WebElement input = field(label).findElement(By.cssSelector("textarea, input"));
    return input.isEnabled() && input.getAttribute("readonly") == null ? input : null;
  }

  private WebElement field(String label) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//div[contains(concat(' ', normalize-space(@class), ' '), ' fjs-form-field ')]"
            + "[.//label[starts-with(normalize-space(.), '" + label + "')]]")));
  }

  private void scroll(WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
  }
}
