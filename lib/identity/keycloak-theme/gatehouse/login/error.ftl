<#ftl output_format="HTML">
<#-- An error page (invalid request, expired link, unknown client …), as the embedded identity
     server's messagePage with an alert. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout pageTitle=msg("errorTitle") formError=(message.summary)!msg("errorTitle") displayMessage=false; section>
<#if section = "header">
${msg("errorTitle")}
<#elseif section = "form">
<#if traceId??>
<p class="hint" id="traceId">${msg("traceIdSupportMessage", traceId)}</p>
</#if>
<#if !skipLink?? && client?? && client.baseUrl?has_content>
<p><a id="backToApplication" href="${client.baseUrl}">${msg("backToApplication")}</a></p>
</#if>
</#if>
</@layout.registrationLayout>
