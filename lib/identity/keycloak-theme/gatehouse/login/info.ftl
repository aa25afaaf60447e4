<#ftl output_format="HTML">
<#-- An information page (signed out, account updated, actions to take …), as the embedded identity
     server's messagePage without an alert. -->
<#import "template.ftl" as layout>
<#assign summary = (message.summary)!"">
<#if messageHeader??>
<#assign heading = msg(messageHeader)>
<#elseif summary == msg("successLogout")>
<#assign heading = msg("gatehouseSignedOutTitle")>
<#else>
<#-- No header of its own: the message is the heading, and is not repeated below it. -->
<#assign heading = summary>
</#if>
<#assign showSummary = heading != summary>
<@layout.registrationLayout pageTitle=heading displayMessage=false; section>
<#if section = "header">
${heading}
<#elseif section = "form">
<div id="kc-info-message">
<#if showSummary || requiredActions??>
<p class="notice"><#if showSummary>${summary}</#if><#if requiredActions??><#list requiredActions><#if showSummary>: </#if><strong><#items as reqActionItem>${msg("requiredAction.${reqActionItem}")}<#sep>, </#items></strong></#list></#if></p>
</#if>
<#if !skipLink??>
<#if pageRedirectUri?has_content>
<p><a href="${pageRedirectUri}">${msg("backToApplication")}</a></p>
<#elseif actionUri?has_content>
<p><a href="${actionUri}">${msg("proceedWithAction")}</a></p>
<#elseif (client.baseUrl)?has_content>
<p><a href="${client.baseUrl}">${msg("backToApplication")}</a></p>
</#if>
</#if>
</div>
</#if>
</@layout.registrationLayout>
